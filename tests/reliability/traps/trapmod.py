# @prelude
import keras

spring("imported-module")


def build(units):
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(units)])


def side_effect():
    spring("imported-function")
