# Source 003 (李沐 07 自动求导代码实现), in order; displayed values are printed.
import torch
x = torch.arange(4.0)
print(x)

print(x.requires_grad_(True))

print(x.grad)

#计算y标量
y = 2 * torch.dot(x, x)
print(y)

y.backward()
print(x.grad)

print(x.grad == 4 * x)

print((x.grad.zero_(),x))

y = x.sum()
print(y)

print((y.backward(),y))

print(x.grad)

# 非标量变量的反向传播
x.grad.zero_()
y = x * x
y.sum().backward()
print(x.grad)
print(x.grad == 2 * x)

# 分离计算
x.grad.zero_()
y = x * x
u = y.detach()  # 把y看成一个常数赋给u u与x无关,是一个常数
print(u)
z = u * x  # z对x的导数
z.sum().backward()
print(x.grad)
print(u == x.grad)

# u是常数不是x的函数,y还是x的函数,还是可以对y求x的导数
x.grad.zero_()
y.sum().backward()
print(x.grad)
print(x.grad == 2*x)

# Python控制流的梯度计算
def f(a):
    b = a * 2          # (1) b = 2a
    while b.norm() < 1000:
        b = b * 2      # (2) 循环翻倍,直到 ||b|| ≥ 1000
    if b.sum() > 0:    # (3) 如果 b 的和 > 0,c = b;否则 c = 100*b
        c = b
    else:
        c = 100 * b
    return c           # (4) 返回 c

# the notes draw a = torch.randn(size=(), requires_grad=True): fixed values here
for value in (1.2345, -0.0421):
    a = torch.tensor(value, requires_grad=True)
    d = f(a)                                     # 计算 d = f(a)
    d.backward()                                 # 反向传播计算梯度
    print(a)        # 打印 a 的值
    print(d)        # 打印 d 的值
    print(a.grad)   # 打印 a 的梯度
    print(d / a)    # 计算 d / a
    print(a.grad == d / a)  # 判断梯度是否等于 d / a
