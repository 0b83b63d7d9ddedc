# torch.autograd.detect_anomaly, which PyTorch's in-place error suggests: backward stops at
# the node whose gradient is NaN
import warnings
import torch

x = torch.tensor([0.0, 1.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        print(torch.is_anomaly_enabled())
        y = (x.sqrt() * 0).sum()
        try:
            y.backward()
        except RuntimeError as e:
            print(f"E> RuntimeError: {e}")
print([str(w.message).split(" (Triggered")[0].split(" Traceback")[0].strip() for w in caught])
print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled(), x.grad)
(x.sqrt() * 0).sum().backward()
print(x.grad)
torch.autograd.set_detect_anomaly(True)
print(torch.is_anomaly_enabled())
x.grad = None
try:
    (x.log() * 0).sum().backward()
except RuntimeError as e:
    print(f"E> RuntimeError: {e}")
torch.autograd.set_detect_anomaly(False)
with torch.autograd.set_detect_anomaly(True, check_nan=False):
    print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
    x.grad = None
    (x.log() * 0).sum().backward()
    print(x.grad)
print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
