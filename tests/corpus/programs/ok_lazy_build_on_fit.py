import numpy as np
import tensorflow as tf

# No input shape anywhere: the model is built from the first batch it sees.
model = tf.keras.Sequential()
model.add(tf.keras.layers.Conv2D(4, 3, activation="relu"))
model.add(tf.keras.layers.Flatten())
model.add(tf.keras.layers.Dense(3, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

x = np.random.random((20, 12, 12, 1))
y = np.random.randint(0, 3, size=20)
model.fit(x, y, epochs=1, batch_size=7, verbose=0)
print(model.predict(x[:3], verbose=0).shape)
