# @prelude
import numpy as np
import keras

spring("toplevel")
if __name__ == "__main__":
    spring("main-guard")
with open(__file__) as handle:
    spring("with-body")
try:
    spring("try-body")
finally:
    spring("finally-body")
for step in range(2):
    spring("loop-body")
shapes = [spring("comprehension") or 8 for _ in range(3)]

model = keras.Sequential([
    keras.Input(shape=(8,)),
    keras.layers.Dense(4, activation="relu"),
    keras.layers.Dense(2),
])
model.compile(optimizer="sgd", loss="mse")
try:  # the batch axis in input_shape: a quick fix and a refactoring for the server to offer
    legacy = keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(32, 28, 28, 3))])
except ValueError:
    spring("batch-axis-error-raised")
try:
    model.predict(np.zeros((3, 9)), verbose=0)  # the shape error the server reports (and fixes)
except ValueError:
    spring("shape-error-raised")
