import numpy as np
import tensorflow as tf

model = tf.keras.applications.MobileNetV2(weights=None, include_top=True, classes=5)

batch = np.random.rand(2, 160, 160, 3).astype("float32")  # cause
preds = model.predict(batch, verbose=0)
print(preds.shape)
