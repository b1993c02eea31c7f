from tensorflow import keras
from tensorflow.keras import layers

# Two branches over different-length sequences.
words = keras.Input(shape=(8, 16))
chars = keras.Input(shape=(4, 16))  # cause
merged = layers.Concatenate(axis=-1)([words, chars])
x = layers.LSTM(32)(merged)
out = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model([words, chars], out)
