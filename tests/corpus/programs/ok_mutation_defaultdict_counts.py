import collections

import numpy as np
import keras

vocab = collections.defaultdict(int)
for token in "the cat sat on the mat".split():
    vocab[token] += 1

bag = np.random.rand(3, len(vocab))
model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(2, activation="softmax")])
print(model(bag).shape)
