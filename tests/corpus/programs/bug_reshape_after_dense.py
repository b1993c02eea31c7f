import tensorflow as tf

# Decoder: project a latent vector and reshape it into an 8x8 feature map.
latent = tf.keras.Input(shape=(16,))
x = tf.keras.layers.Dense(100, activation="relu")(latent)  # cause
x = tf.keras.layers.Reshape((8, 8, 1))(x)
x = tf.keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same")(x)
decoder = tf.keras.Model(latent, x)
decoder.summary()
