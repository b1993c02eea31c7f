from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, UpSampling2D, Concatenate
from tensorflow.keras.models import Model

inp = Input((28, 28, 1))
c1 = Conv2D(8, 3, activation="relu")(inp)  # cause
p1 = MaxPooling2D()(c1)
c2 = Conv2D(16, 3, padding="same", activation="relu")(p1)
u1 = UpSampling2D()(c2)
m1 = Concatenate()([u1, inp])
out = Conv2D(1, 1, activation="sigmoid")(m1)
model = Model(inp, out)
