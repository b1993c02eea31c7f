# @prelude
import keras

from . import helpers

spring("package-module")


def build_model(features):
    helpers.touch()
    return keras.Sequential([keras.Input(shape=(features,)), keras.layers.Dense(2)])
