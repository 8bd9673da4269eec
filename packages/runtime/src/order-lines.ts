/**
 * The most distinct products one order may hold: what one stock reservation accepts (inventory), and therefore the
 * most lines a cart may hold (cart), so every cart can be checked out. One number for both, here.
 */
export const MAX_ORDER_LINES = 100;
