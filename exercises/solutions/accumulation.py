grad_after_two = 2 * {c} * x.detach() + 1
