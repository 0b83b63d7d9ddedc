def slope(a):
    k = 2.0
    while abs(k * a) < 1000:
        k = k * 2
    if k * a < 0:
        k = 100 * k
    return k
