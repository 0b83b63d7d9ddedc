grad_with_detach = torch.tensor([0.0, 1.0, 4.0, 9.0])
