# D2L 2.2 (data preprocessing) without pandas: the CSV read with the csv module, the
# missing values filled with the column mean, the categorical column one-hot coded
import csv, io, os, tempfile
import torch

data_file = os.path.join(tempfile.mkdtemp(), 'house_tiny.csv')
with open(data_file, 'w') as f:
    f.write('NumRooms,Alley,Price\n')  # 列名
    f.write('NA,Pave,127500\n')  # 每行表示一个数据样本
    f.write('2,NA,106000\n')
    f.write('4,NA,178100\n')
    f.write('NA,NA,140000\n')
with open(data_file) as f:
    rows = list(csv.DictReader(f))
print(rows[0])
rooms = [float('nan') if r['NumRooms'] == 'NA' else float(r['NumRooms']) for r in rows]
known = [v for v in rooms if v == v]
mean = sum(known) / len(known)
rooms = [mean if v != v else v for v in rooms]
alley_pave = [1 if r['Alley'] == 'Pave' else 0 for r in rows]
alley_nan = [1 if r['Alley'] == 'NA' else 0 for r in rows]
inputs = [[a, b, c] for a, b, c in zip(rooms, alley_pave, alley_nan)]
outputs = [float(r['Price']) for r in rows]
X = torch.tensor(inputs)
y = torch.tensor(outputs)
print(X, y)
X, y = torch.tensor(inputs, dtype=torch.float64), torch.tensor(outputs, dtype=torch.float64)
print(X, y)
print(X.dtype, y.dtype, X.shape, y.shape)
# the numbers as a NumPy array of float64, as pandas' to_numpy(dtype=float) gives them
import numpy as np
arr = np.array(inputs, dtype=float)
X = torch.tensor(arr)
print(X)
print(torch.from_numpy(arr).dtype, torch.as_tensor(arr).dtype, torch.Tensor(arr).dtype)
print(X.float(), X.to(torch.float32))
# exercise: delete the column with the most missing values
nan_t = torch.tensor([[float('nan'), 1.0], [2.0, float('nan')], [float('nan'), 3.0]])
print(nan_t, torch.isnan(nan_t).sum(dim=0))
col = torch.isnan(nan_t).sum(dim=0).argmax()
keep = [i for i in range(nan_t.shape[1]) if i != col]
print(nan_t[:, keep])
print(torch.nan_to_num(nan_t))
print(y / 1000, (y / 1000).round(), y.mean(), y.std(), y.max(), y.min())
print(torch.tensor([127500, 106000, 178100, 140000]) / 3)
print(torch.tensor([1e6, 2.5, 3.0]), torch.tensor([1e-5, 2.5, 3.0]), torch.tensor([123456789.0]))
print(torch.tensor([0.1, 0.2], dtype=torch.float64) * 3)
