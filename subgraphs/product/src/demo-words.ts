/**
 * Word lists the demo catalog is generated from. Each category has its own nouns, qualities and selling points, so
 * full-text search over the demo data finds sensible things ("waterproof", "cast iron", "bluetooth").
 */
export interface DemoCategoryWords {
  slug: string;
  name: string;
  description: string;
  /** Three capital letters that start every SKU of the category. */
  code: string;
  nouns: string[];
  qualities: string[];
  features: string[];
}

export const DEMO_CATEGORIES: DemoCategoryWords[] = [
  {
    slug: "kitchen",
    name: "Kitchen",
    description: "Cookware, knives and small tools for everyday cooking.",
    code: "KIT",
    nouns: ["Frying Pan", "Chef's Knife", "Dutch Oven", "Cutting Board", "Kettle", "Saucepan", "Mixing Bowl Set", "Pepper Mill", "Coffee Grinder", "Baking Sheet"],
    qualities: ["Cast Iron", "Stainless Steel", "Copper", "Bamboo", "Ceramic", "Carbon Steel", "Enamelled", "Nonstick"],
    features: ["dishwasher safe", "oven safe up to 260 °C", "works on induction hobs", "riveted ergonomic handle", "even heat distribution", "hand-finished edge", "PFAS-free coating", "comes with a lifetime warranty"],
  },
  {
    slug: "home-office",
    name: "Home Office",
    description: "Desks, chairs and accessories for working from home.",
    code: "OFF",
    nouns: ["Desk Lamp", "Monitor Stand", "Office Chair", "Standing Desk", "Notebook", "Desk Organizer", "Cable Tray", "Footrest", "Whiteboard", "Laptop Sleeve"],
    qualities: ["Adjustable", "Ergonomic", "Walnut", "Minimalist", "Foldable", "Recycled", "Magnetic", "Compact"],
    features: ["height adjustable in seconds", "keeps cables out of sight", "made from recycled materials", "supports good posture", "dimmable warm light", "assembles without tools", "fits desks up to 5 cm thick", "scratch-resistant surface"],
  },
  {
    slug: "outdoor",
    name: "Outdoor",
    description: "Gear for hiking, camping and long days outside.",
    code: "OUT",
    nouns: ["Backpack", "Tent", "Sleeping Bag", "Headlamp", "Water Bottle", "Trekking Poles", "Camp Stove", "Rain Jacket", "Hammock", "Hiking Boots"],
    qualities: ["Ultralight", "Waterproof", "Insulated", "Packable", "Rugged", "Two-Person", "Thermal", "Windproof"],
    features: ["packs down smaller than a loaf of bread", "sealed seams keep the rain out", "rated for three seasons", "weighs less than a kilogram", "reflective details for night walks", "made for long-distance hiking", "repairable with the included kit", "insulated against freezing nights"],
  },
  {
    slug: "fitness",
    name: "Fitness",
    description: "Equipment for training at home or at the gym.",
    code: "FIT",
    nouns: ["Yoga Mat", "Dumbbell Pair", "Kettlebell", "Resistance Bands", "Jump Rope", "Foam Roller", "Running Shoes", "Pull-Up Bar", "Gym Bag", "Exercise Ball"],
    qualities: ["Adjustable", "Non-Slip", "Heavy-Duty", "Lightweight", "Cushioned", "Professional", "Travel", "Eco"],
    features: ["grippy surface for sweaty sessions", "built for daily training", "easy to store in small flats", "cushioning that protects the joints", "suitable for beginners and athletes", "sweat-resistant materials", "includes a printed workout guide", "tested for 100,000 repetitions"],
  },
  {
    slug: "audio",
    name: "Audio",
    description: "Headphones, speakers and accessories for music lovers.",
    code: "AUD",
    nouns: ["Headphones", "Earbuds", "Bluetooth Speaker", "Turntable", "Soundbar", "Microphone", "DAC Amplifier", "Speaker Stand", "Radio", "Audio Cable"],
    qualities: ["Wireless", "Noise-Cancelling", "Portable", "Studio", "Retro", "Hi-Fi", "Waterproof", "Compact"],
    features: ["up to 30 hours of battery life", "active noise cancellation", "pairs over Bluetooth 5.3", "rich bass and clear vocals", "USB-C fast charging", "splash-proof for the shower or the beach", "multipoint connection to two devices", "built-in microphone for calls"],
  },
  {
    slug: "apparel",
    name: "Apparel",
    description: "Everyday clothing made to last.",
    code: "APP",
    nouns: ["T-Shirt", "Hoodie", "Denim Jacket", "Chinos", "Wool Socks", "Beanie", "Rain Coat", "Flannel Shirt", "Scarf", "Sneakers"],
    qualities: ["Organic Cotton", "Merino", "Slim-Fit", "Oversized", "Vintage", "Linen", "Fleece", "Classic"],
    features: ["made from organic cotton", "breathable on warm days", "pre-washed for a soft feel", "reinforced seams", "machine washable at 30 °C", "ethically produced in Portugal", "keeps you warm without bulk", "relaxed fit for everyday wear"],
  },
  {
    slug: "garden",
    name: "Garden",
    description: "Tools and supplies for gardens, balconies and houseplants.",
    code: "GAR",
    nouns: ["Watering Can", "Pruning Shears", "Garden Hose", "Planter", "Seed Kit", "Wheelbarrow", "Compost Bin", "Garden Gloves", "Bird Feeder", "Trowel"],
    qualities: ["Galvanised", "Terracotta", "Expandable", "Self-Watering", "Heirloom", "Weatherproof", "Stainless", "Recycled Plastic"],
    features: ["resists rust and frost", "drains well for healthy roots", "sharp enough for clean cuts", "UV-stable for years in the sun", "ideal for balconies and small gardens", "includes non-GMO heirloom seeds", "lightweight but sturdy", "easy to clean after muddy days"],
  },
  {
    slug: "toys-games",
    name: "Toys & Games",
    description: "Board games, puzzles and toys for all ages.",
    code: "TOY",
    nouns: ["Board Game", "Jigsaw Puzzle", "Building Blocks", "Card Game", "Plush Bear", "Wooden Train Set", "Kite", "Science Kit", "Dollhouse", "Marble Run"],
    qualities: ["Family", "Wooden", "Cooperative", "Educational", "Classic", "Glow-in-the-Dark", "Travel-Size", "Deluxe"],
    features: ["for two to six players", "teaches counting and colours", "made from sustainably sourced wood", "games last about 30 minutes", "non-toxic water-based paints", "great for rainy afternoons", "suitable from age 3", "1000 pieces with a poster guide"],
  },
];

/** Opening sentences; `{title}` and `{category}` are filled in. */
export const OPENINGS = [
  "The {title} is built for people who use their things every day.",
  "Meet the {title}: simple, sturdy and easy to love.",
  "Our {title} pairs honest materials with a clean design.",
  "A {category} favourite, the {title} earns its place at home.",
  "Designed and tested in our studio, the {title} just works.",
];

export const CLOSINGS = [
  "Backed by free returns for 30 days.",
  "Ships in recyclable packaging.",
  "A thoughtful gift for friends and family.",
  "Customers rate it among our best sellers.",
  "Spare parts are available for years.",
];
