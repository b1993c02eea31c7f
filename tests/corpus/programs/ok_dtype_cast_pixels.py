import tensorflow as tf

pixels = tf.constant([[0, 128, 255, 64],
                      [32, 16, 200, 100]])
weights = tf.random.normal((4, 3), stddev=0.1)
bias = tf.zeros((3,))

inputs = tf.cast(pixels, tf.float32) / 255.0
logits = tf.matmul(inputs, weights) + bias
probs = tf.nn.softmax(logits)

labels = tf.constant([2, 0])
one_hot = tf.one_hot(labels, 3)
loss = -tf.reduce_mean(tf.reduce_sum(one_hot * tf.math.log(probs + 1e-7), axis=1))
print(float(loss))
