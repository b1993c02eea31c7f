import tensorflow as tf

latent = tf.keras.Input(shape=(32,))
x = tf.keras.layers.Dense(7 * 7 * 16, activation="relu")(latent)
x = tf.keras.layers.Reshape((7, 7, 16))(x)
x = tf.keras.layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu")(x)
x = tf.keras.layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid")(x)
decoder = tf.keras.Model(latent, x)

samples = decoder(tf.random.normal((3, 32)))
print(samples.shape)
