def g_smooth(x):
    if x > 1:
        y = x * x
    else:
        y = 2 * x - 1
    return y
