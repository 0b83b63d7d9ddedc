z_guess = (x + y) * w
