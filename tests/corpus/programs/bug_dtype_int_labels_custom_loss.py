import tensorflow as tf

# Logistic regression trained by hand, with a mean squared error written with raw TF ops
x = tf.random.normal((8, 3))
y = tf.constant([[1], [0], [1], [1], [0], [0], [1], [0]])
w = tf.random.normal((3, 1))


def mse_loss(y_true, y_pred):
    return tf.reduce_mean(tf.square(y_true - y_pred))


for step in range(3):
    y_pred = tf.sigmoid(tf.matmul(x, w))
    loss = mse_loss(y, y_pred)
    print(step, float(loss))
