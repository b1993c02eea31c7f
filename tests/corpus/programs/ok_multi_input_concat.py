import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

image_in = keras.Input(shape=(16, 16, 3), name="image")
meta_in = keras.Input(shape=(5,), name="meta")

x = layers.Conv2D(8, 3, activation="relu")(image_in)
x = layers.GlobalMaxPooling2D()(x)
m = layers.Dense(8, activation="relu")(meta_in)
merged = layers.concatenate([x, m])
out = layers.Dense(3, activation="softmax")(merged)

model = keras.Model(inputs=[image_in, meta_in], outputs=out)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
images = np.random.rand(12, 16, 16, 3)
meta = np.random.rand(12, 5)
labels = np.random.randint(0, 3, 12)
model.fit({"image": images, "meta": meta}, labels, epochs=1, verbose=0)
