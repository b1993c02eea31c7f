import tensorflow as tf

encoder = tf.keras.layers.Conv2D(16, 3, activation="relu")

rgb = tf.random.uniform((2, 32, 32, 3))
depth = tf.random.uniform((2, 32, 32, 1))  # cause

rgb_features = encoder(rgb)
depth_features = encoder(depth)
print(rgb_features.shape, depth_features.shape)
