# @prelude
import functools

import keras


def traced(function):
    spring("decorator")

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        spring("decorated-call")
        return function(*args, **kwargs)
    return wrapper


def registered(name):
    spring("decorator-factory")
    return lambda cls: spring("class-decorator") or cls


@traced
def build(units):
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(units)])


@registered("head")
class Head(keras.layers.Layer):
    def call(self, inputs):
        return inputs


model = build(3)
head = Head()
