import collections

import numpy as np
import keras

WINDOW = 8
history = collections.deque(maxlen=WINDOW)
model = keras.Sequential([keras.Input(shape=(WINDOW, 3)), keras.layers.Flatten(), keras.layers.Dense(1)])

# Stream readings in; only the last WINDOW are kept.
for step in range(20):
    history.append(np.random.rand(3))
window = np.array(history)[np.newaxis]
print(model.predict(window, verbose=0))
