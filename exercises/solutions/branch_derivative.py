def g_smooth(x):
    if x > {t}:
        y = x * x
    else:
        y = {slope} * x - {t_squared}
    return y
