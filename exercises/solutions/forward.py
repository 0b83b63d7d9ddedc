z_guess = torch.tensor([10.0, 14.0, 18.0])
