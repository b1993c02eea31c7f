import numpy as np
from keras import Input, Model
from keras.layers import Dense, LSTM, Permute, RepeatVector, TimeDistributed

# Sequence-to-sequence autoencoder.
inputs = Input(shape=(9, 4))
encoded = LSTM(12)(inputs)
repeated = RepeatVector(9)(encoded)
decoded = LSTM(12, return_sequences=True)(repeated)
outputs = TimeDistributed(Dense(4))(decoded)
swapped = Permute((2, 1))(outputs)
model = Model(inputs, swapped)

batch = np.random.rand(3, 9, 4)
print(model.predict(batch, verbose=0).shape)
