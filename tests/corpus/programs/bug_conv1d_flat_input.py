from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Input(shape=(128,)),  # cause
    layers.Conv1D(8, kernel_size=3, activation="relu"),
    layers.GlobalAveragePooling1D(),
    layers.Dense(1),
])
model.summary()
