"""Model builders shared by several corpus programs (imported, never run directly)."""
from tensorflow import keras
from tensorflow.keras import layers


def build_cnn(input_shape, classes):
    model = keras.Sequential([
        keras.Input(shape=input_shape),
        layers.Conv2D(16, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(32, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def build_mlp(n_features, hidden=(64, 32), classes=1):
    inputs = keras.Input(shape=(n_features,))
    x = inputs
    for units in hidden:
        x = layers.Dense(units, activation="relu")(x)
    activation = "sigmoid" if classes == 1 else "softmax"
    outputs = layers.Dense(classes, activation=activation)(x)
    model = keras.Model(inputs, outputs, name="mlp")
    loss = "binary_crossentropy" if classes == 1 else "sparse_categorical_crossentropy"
    model.compile(optimizer="adam", loss=loss)
    return model


def build_lstm(timesteps, features, units=16):
    model = keras.Sequential([
        layers.Input(shape=(timesteps, features)),
        layers.LSTM(units),
        layers.Dense(1),
    ])
    model.compile(optimizer="adam", loss="mse")
    return model
