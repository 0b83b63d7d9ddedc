grad_after_two = torch.tensor([1.0, 5.0, 9.0, 13.0])
