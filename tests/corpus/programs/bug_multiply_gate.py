import numpy as np
import keras

features = keras.Input(shape=(16,))
gate = keras.layers.Dense(8, activation="sigmoid")(features)  # cause
gated = keras.layers.Multiply()([features, gate])
out = keras.layers.Dense(1)(gated)
model = keras.Model(features, out)
model.predict(np.random.rand(4, 16), verbose=0)
