import numpy as np
from tensorflow.keras.layers import Input, Dense, Dropout
from tensorflow.keras.models import Model
from tensorflow.keras.utils import to_categorical

n_classes = 3
X = np.random.rand(120, 10)
y = to_categorical(np.random.randint(0, n_classes, size=120), num_classes=n_classes)

inp = Input(shape=(10,))
h = Dense(32, activation="relu")(inp)
h = Dropout(0.2)(h)
out = Dense(4, activation="softmax")(h)  # cause
model = Model(inputs=[inp], outputs=[out])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit([X], [y], epochs=1, batch_size=16, verbose=0)
