# Source 000 (1.5 自动微分), sections 5.1-5.4, as printed by the notes.
import torch
#1 创建变量x
x=torch.arange(4.0)
y=2*torch.dot(x,x)
print(x)

#2 存储梯度
x.requires_grad_(True) #等价于x=torch.arange(4.0,requires_grad=True)
print(x)

#3 计算y
y=2*torch.dot(x,x) #点积
print(y)

#4 反向传播计算梯度
print(x.grad) #默认为None
y.backward() #反向传播
print(x.grad) #梯度为4x

#5 阻止跟踪
y=x.sum() #y=6
y.backward()
print(x.grad) #x的梯度会累加
x.grad.zero_() #清除梯度后就不会累加了
y.backward()
print(x.grad)

# 5.2 非标量变量的反向传播
x.grad.zero_()
y=x*x #这里y是向量
y.sum().backward()
print(x.grad)

# 5.3 分离计算
x.grad.zero_()
y=x*x
u=y.detach() #分u相当于一个常数，不需要求梯度
z=u*x
z.sum().backward()
print(x.grad) #u

x.grad.zero_()
z=y*x
z.sum().backward()
print(x.grad) #3x^2

# 5.4 python控制流的梯度计算
def f(a):
    b=a*2
    while b.norm()<1000: #经过while后b=ka
        b=b*2
    if b.sum()>0:
        c=b #c=kb=ka
    else:
        c=100*b #c=100kb=100ka
    return c #ka
# the notes draw a=torch.randn(size=(),requires_grad=True); fixed values take both branches
for value in (0.8392, -0.3, 1e-3, -1234.5):
    a=torch.tensor(value,requires_grad=True)
    D=f(a) #
    D.backward()
    print(a.grad==D/a) #梯度就是k=D/a
    print(a.grad, D)
