import tensorflow as tf

# Dense acts on the last axis only, so a (batch, steps, features) tensor is fine.
seq = tf.random.normal((4, 7, 12))
proj = tf.keras.layers.Dense(32, activation="relu")
out = proj(seq)
print(out.shape)

head = tf.keras.layers.Dense(3)
print(head(out).shape)
