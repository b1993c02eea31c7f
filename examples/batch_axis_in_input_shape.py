"""The batch size written into input_shape: Keras adds the batch axis itself."""
from tensorflow import keras
from tensorflow.keras import layers

batch = keras.random.normal((32, 64, 64, 3))

model = keras.Sequential([
    layers.Conv2D(16, (3, 3), activation="relu", input_shape=(32, 64, 64, 3)),
    layers.GlobalAveragePooling2D(),
    layers.Dense(1, activation="sigmoid"),
])
print(model(batch).shape)
