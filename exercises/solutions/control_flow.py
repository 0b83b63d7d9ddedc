def slope(a):
    k = 2.0
    while abs(k * a) < {limit}:
        k = k * 2
    if k * a < 0:
        k = {factor} * k
    return k
