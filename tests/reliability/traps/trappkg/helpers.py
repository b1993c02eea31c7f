# @prelude
spring("relative-import")


def touch():
    spring("relative-function")
