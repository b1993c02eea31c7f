# The label is the CSV's last column; the input layer counts every column of the file.
import numpy as np
import keras
from keras import layers

data = np.loadtxt("data/np_iris.csv", delimiter=",", skiprows=1)
n_columns = 5  # cause
X = data[:, :-1]
y = keras.utils.to_categorical(data[:, -1], num_classes=3)

model = keras.Sequential([
    keras.Input(shape=(n_columns,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(X, y, epochs=1, verbose=0)
