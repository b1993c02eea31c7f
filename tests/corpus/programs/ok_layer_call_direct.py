import tensorflow as tf

images = tf.zeros((2, 32, 32, 3))
conv = tf.keras.layers.Conv2D(16, 3, strides=2, activation="relu")
pool = tf.keras.layers.MaxPooling2D()
flat = tf.keras.layers.Flatten()

features = conv(images)
features = pool(features)
vector = flat(features)
print(features.shape, vector.shape)
