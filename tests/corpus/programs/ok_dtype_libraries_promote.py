import numpy as np
import tensorflow as tf
import keras

counts = tf.constant([[1, 2, 3]])
weights = tf.random.normal((3, 2))

# keras.ops promotes int32 with float32, as NumPy does
scores = keras.ops.matmul(counts, weights)
shifted = keras.ops.add(scores, tf.constant([1, 2]))

# NumPy promotes too: int64 times float64
ids = np.array([[1, 2, 3]])
scaled = ids * np.random.rand(1, 3)

# A NumPy array meeting a tf.Tensor is converted to the tensor's dtype
offsets = counts + np.array([[0.5, 1.5, 2.5]])
ratio = counts / 3
halves = 0.5 * weights
print(scores.shape, shifted.shape, scaled.dtype, offsets.dtype, ratio.dtype, halves.dtype)
