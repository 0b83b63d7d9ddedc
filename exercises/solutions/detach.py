grad_with_detach = u.clone()
