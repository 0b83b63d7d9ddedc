# Source 002 (2.5 自动微分), cell by cell; what a notebook cell displays is printed.
import torch
#创建变量`x`并为其分配一个初始值。
x = torch.arange(4.0)
print(x)

x.requires_grad_(True)  # 等价于x=torch.arange(4.0,requires_grad=True)
print(x.grad)  # 默认值是None,即梯度为空

# 计算y
y = 2 * torch.dot(x, x)
print(y)

y.backward()
print(x.grad)
print(x.grad == 4 * x)

# 在默认情况下，PyTorch会累积梯度，我们需要清除之前的值
x.grad.zero_() #清除梯度
y = x.sum()
y.backward()
print((x.grad, y))

#清除梯度
x.grad.zero_()
y=x**2
y.sum().backward()
print((x.grad,y))


def f(u, v):
    y = torch.zeros(2)
    y[0] = u[0]**2 + u[1]*v[0]
    y[1] = u[1]*v[1] + v[0]*v[1]**2
    return y

# 创建自变量张量
u = torch.tensor([1.0, 2.0], requires_grad=True)
v = torch.tensor([3.0, 4.0], requires_grad=True)

y = f(u, v)

# 初始化雅可比矩阵
jacobian = torch.zeros(2, 4)

# 计算雅可比矩阵的每个元素
for i in range(2):
    # 对 y[i] 进行反向传播以计算梯度
    y[i].backward(retain_graph=True)

    # 提取梯度并存储在雅可比矩阵中
    jacobian[i, :2] = u.grad
    jacobian[i, 2:] = v.grad

    # 清零梯度，以便进行下一次迭代
    u.grad.zero_()
    v.grad.zero_()

print("Jacobian matrix:")
print(jacobian)
print(y)

# 2.5.2 非标量变量的反向传播
x.grad.zero_()
y = x * x
y.backward(torch.ones(len(x)))
print(x.grad)
print(y)

x.grad.zero_()
y = x * x
# 等价于y.backward(torch.ones(len(x)))
y.sum().backward()
print((x.grad, y))

x.grad.zero_()
y = x * x
y.mean().backward()
print(x.grad)

x.grad.zero_()
y = x * x
# 设定x每个分量的梯度权重因子值为3
y.backward(gradient=torch.tensor([3, 3, 3, 3]))
print(x.grad)

# 2.5.3 分离计算
x.grad.zero_() # 梯度清零
y = x * x # y = x^2
u = y.detach()
z = u * x # 如果对其求梯度，x的梯度即u

z.sum().backward() #此处只求x的梯度，梯度就是u的值[0,1,4,9]
print((x.grad == u,u,x.grad))

# 2.5.4 Python控制流的梯度计算
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

# the notes draw a = torch.randn(size=(), requires_grad=True) and show a = 0.8392
a = torch.tensor(0.8392, requires_grad=True)
d = f(a)
d.backward()
print((a.grad, a, d, d/a))

# 标量的范数
t = torch.tensor(-5.0)
print((t,t.norm())) # 标量的范数等于其绝对值

print(a.grad == d / a)

# 计算z = (x + y)* w的计算图
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)

# 前向传播
a = x + y
z = a * w

# 打印前向传播的结果
print(f"a = x + y: {a.item()}")
print(f"z = a * w: {z.item()}")

# 反向传播，计算梯度
z.backward()

# 打印各个变量的梯度
print(f"dz/dx: {x.grad.item()}")
print(f"dz/dy: {y.grad.item()}")
print(f"dz/dw: {w.grad.item()}")
