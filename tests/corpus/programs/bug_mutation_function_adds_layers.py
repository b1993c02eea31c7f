import numpy as np
import keras
from keras import layers


def add_conv_block(stack, filters):
    stack.append(layers.Conv2D(filters, 3, padding="same", activation="relu"))
    stack.append(layers.MaxPooling2D(2))


stack = [keras.Input(shape=(32, 32, 3))]
add_conv_block(stack, 16)
add_conv_block(stack, 32)
stack.append(layers.Dense(10, activation="softmax"))  # cause

model = keras.Sequential(stack)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(8, 32, 32, 3), np.random.randint(0, 10, 8), epochs=1, verbose=0)
