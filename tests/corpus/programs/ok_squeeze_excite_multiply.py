from tensorflow import keras
from tensorflow.keras import layers

# Channel attention: a (None, 1, 1, C) gate broadcast over (None, H, W, C).
inputs = keras.Input(shape=(16, 16, 32))
se = layers.GlobalAveragePooling2D(keepdims=True)(inputs)
se = layers.Dense(8, activation="relu")(se)
se = layers.Dense(32, activation="sigmoid")(se)
scaled = layers.Multiply()([inputs, se])
out = layers.Conv2D(1, 1)(scaled)
model = keras.Model(inputs, out)

images = keras.ops.ones((2, 16, 16, 32))
print(model(images).shape)
