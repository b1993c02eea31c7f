import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

query_in = tf.keras.Input(shape=(5, 16))
value_in = tf.keras.Input(shape=(11, 16))
context = layers.Attention()([query_in, value_in])
mha = layers.MultiHeadAttention(num_heads=2, key_dim=8)(query_in, value_in)
x = layers.Concatenate()([context, mha])
x = layers.GlobalAveragePooling1D()(x)
out = layers.Dense(1)(x)
model = tf.keras.Model([query_in, value_in], out)

q = np.random.rand(2, 5, 16)
v = np.random.rand(2, 11, 16)
print(model([q, v]).shape)
