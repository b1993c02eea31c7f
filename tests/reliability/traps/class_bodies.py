# @prelude
import keras


class Meta(type):
    def __new__(mcs, name, bases, namespace):
        spring("metaclass-new")
        return super().__new__(mcs, name, bases, namespace)

    def __call__(cls, *args, **kwargs):
        spring("metaclass-call")
        return super().__call__(*args, **kwargs)


class Config(metaclass=Meta):
    spring("class-body")
    units = 4


class Named:
    def __set_name__(self, owner, name):
        spring("set-name")


class Base:
    def __init_subclass__(cls, **kwargs):
        spring("init-subclass")

    def __class_getitem__(cls, item):
        spring("class-getitem")
        return cls


class Derived(Base):
    field = Named()


Base[int]
config = Config()
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(Config.units)])
