# @prelude
import keras

spring("jedi-module")


def build_cnn(channels):
    return keras.Sequential([keras.Input(shape=(8, 8, channels)), keras.layers.Conv2D(4, 3)])
