# @prelude


def __getattr__(name):
    spring("module-getattr")
    return name
