import numpy as np
import keras


def make_encoder(input_dim):
    widths = []

    def halve(width):
        nonlocal widths
        widths = widths + [width // 2]
        return width // 2

    width = input_dim
    while width > 4:
        width = halve(width)
    blocks = [keras.Input(shape=(input_dim,))] + [keras.layers.Dense(w) for w in widths]
    return keras.Sequential(blocks), widths[-1]


encoder, code_size = make_encoder(32)
decoder = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(32)])  # cause
print(decoder(encoder(np.random.rand(2, 32))).shape)
