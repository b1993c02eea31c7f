import tensorflow as tf

L = tf.keras.layers

a = tf.keras.Input(shape=(10,))
b = tf.keras.Input(shape=(10,))
ea = L.Dense(6)(a)
eb = L.Dense(5)(b)  # cause
diff = L.Subtract()([ea, eb])
score = L.Dense(1, activation="sigmoid")(diff)
model = tf.keras.Model(inputs=[a, b], outputs=score)
