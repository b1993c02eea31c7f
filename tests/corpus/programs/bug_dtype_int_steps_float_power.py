import tensorflow as tf

# An exponential learning-rate decay computed for the first few steps
initial_lr = 0.01
decay_rate = 0.96
steps = tf.constant([0, 100, 200, 300, 400])

learning_rates = initial_lr * decay_rate ** (steps / 100)
warmup = learning_rates * tf.constant([0.2, 0.4, 0.6, 0.8, 1.0], dtype=tf.float64)
print(warmup.numpy())

halved = steps * 0.5
print(halved.numpy())
