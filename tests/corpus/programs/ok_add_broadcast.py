import numpy as np
from tensorflow.keras import Input, Model
from tensorflow.keras.layers import Add, Dense, GlobalAveragePooling1D

tokens = Input(shape=(10, 16))
summary = Input(shape=(1, 16))
x = Add()([tokens, summary])
x = GlobalAveragePooling1D()(x)
out = Dense(1)(x)
model = Model([tokens, summary], out)

a = np.random.rand(4, 10, 16)
b = np.random.rand(4, 1, 16)
print(model.predict([a, b], verbose=0).shape)
