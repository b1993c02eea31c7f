from tensorflow.keras.preprocessing.image import img_to_array, load_img
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Flatten, Input
import numpy as np

model = Sequential()
model.add(Input(shape=(16, 16, 3)))
model.add(Flatten())
model.add(Dense(10, activation="relu"))
model.add(Dense(3, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])

img = load_img("data/images/cat.png")  # cause
x = img_to_array(img)
x = np.expand_dims(x, axis=0) / 255.0
classes = model.predict(x)
print(np.argmax(classes))
