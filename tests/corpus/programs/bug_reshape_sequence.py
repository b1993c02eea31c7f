import numpy as np
from keras import layers, Model, Input

# 60 readings regrouped into 12 steps of 6 features: 12 * 6 = 72.
text = Input(shape=(60,))
x = layers.Reshape((12, 6))(text)
x = layers.LSTM(8)(x)
out = layers.Dense(1)(x)
model = Model(text, out)
model.predict(np.random.rand(2, 60), verbose=0)
